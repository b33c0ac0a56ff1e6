import { parseBrokerList } from './kafka';

describe('parseBrokerList', () => {
  it('splits and trims KAFKA_BROKERS', () => {
    expect(parseBrokerList('127.0.0.1:9092, kafka-2:9092 ,')).toEqual(['127.0.0.1:9092', 'kafka-2:9092']);
  });

  it('treats unset or blank as no external Kafka', () => {
    expect(parseBrokerList(undefined)).toBeUndefined();
    expect(parseBrokerList(' , ')).toBeUndefined();
  });
});
